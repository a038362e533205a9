/** Keyframe and layer information read from (and rewritten in) VP8, VP9, H.264 and AV1 RTP payloads. */
package parley.media.codec;
