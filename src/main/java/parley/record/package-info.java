/** Server recording: a tap's RTP to one WebM file per track (no decoding), composed into one MP4 by ffmpeg, stored or uploaded with rclone. */
package parley.record;
