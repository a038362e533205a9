"""Synthetic camera and microphone tracks for the aiortc test client."""
import asyncio
import fractions
import math
import time

import numpy
from av import AudioFrame, VideoFrame

from aiortc.mediastreams import MediaStreamError, MediaStreamTrack, VideoStreamTrack


class BarVideoTrack(VideoStreamTrack):
    """A synthetic camera: a solid colour with a white bar moving across its top."""

    def __init__(self, rgb, width=320, height=240):
        super().__init__()
        self.width, self.height = width, height
        self.background = numpy.zeros((height, width, 3), numpy.uint8)
        self.background[:, :] = rgb
        self.count = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = self.background.copy()
        x = (self.count * 4) % self.width
        image[0:24, x:x + 40] = 255
        self.count += 1
        frame = VideoFrame.from_ndarray(image, format="rgb24")
        frame.pts, frame.time_base = pts, time_base
        return frame


class SineAudioTrack(MediaStreamTrack):
    """A synthetic microphone: a sine tone, 48 kHz mono, 20 ms frames."""

    kind = "audio"
    RATE = 48000
    SAMPLES = 960

    def __init__(self, frequency_hz):
        super().__init__()
        self.frequency_hz = frequency_hz
        self.start = None
        self.timestamp = 0

    async def recv(self):
        if self.readyState != "live":
            raise MediaStreamError
        if self.start is None:
            self.start = time.time()
        else:
            self.timestamp += self.SAMPLES
            await asyncio.sleep(self.start + self.timestamp / self.RATE - time.time())
        t = (numpy.arange(self.SAMPLES) + self.timestamp) / self.RATE
        samples = (numpy.sin(2 * math.pi * self.frequency_hz * t) * 8000).astype(numpy.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.RATE
        frame.pts = self.timestamp
        frame.time_base = fractions.Fraction(1, self.RATE)
        return frame
