package parley.e2e;

/** HTML pages for the harness self-tests: each defines {@code window.harness} with async functions. */
final class TestPages {
    private TestPages() {}

    /**
     * {@code harness.camera()}: opens the fake camera and microphone and returns
     * {@code {kinds, width, height, rgb: [r, g, b] of the centre pixel, audioEnergy}}.
     */
    static final String CAMERA = """
            <!doctype html><html><head><meta charset="utf-8"><title>camera</title></head><body>
            <video id="v" autoplay muted playsinline></video>
            <canvas id="c" width="320" height="240"></canvas>
            <script>
            function frames(video, n) {
              return new Promise(resolve => {
                let seen = 0;
                const next = () => (++seen >= n ? resolve() : video.requestVideoFrameCallback(next));
                video.requestVideoFrameCallback(next);
              });
            }
            async function audioEnergy(stream) {
              const ctx = new AudioContext();
              await ctx.resume();
              const analyser = ctx.createAnalyser();
              ctx.createMediaStreamSource(stream).connect(analyser);
              const samples = new Float32Array(analyser.fftSize);
              let energy = 0;
              for (let i = 0; i < 20 && energy === 0; i++) {
                await new Promise(r => setTimeout(r, 50));
                analyser.getFloatTimeDomainData(samples);
                energy = samples.reduce((sum, x) => sum + x * x, 0);
              }
              await ctx.close();
              return energy;
            }
            window.harness = {
              async camera() {
                const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
                const video = document.getElementById('v');
                video.srcObject = stream;
                await video.play();
                await frames(video, 3);
                const canvas = document.getElementById('c');
                const g = canvas.getContext('2d');
                g.drawImage(video, 0, 0, canvas.width, canvas.height);
                const p = g.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
                return {kinds: stream.getTracks().map(t => t.kind).sort(),
                        width: video.videoWidth, height: video.videoHeight,
                        rgb: [p[0], p[1], p[2]], audioEnergy: await audioEnergy(stream)};
              }
            };
            </script></body></html>
            """;

    /**
     * A peer connection whose signalling the test carries: {@code harness.offer()} (sends
     * camera and microphone), {@code harness.answer(sdp)} (receives), {@code harness.accept(sdp)},
     * then {@code harness.framesDecoded()} and {@code harness.candidatePair()}.
     */
    static final String PEER = """
            <!doctype html><html><head><meta charset="utf-8"><title>peer</title></head><body>
            <video id="remote" autoplay muted playsinline></video>
            <script>
            let pc;
            function gathered(pc) {
              if (pc.iceGatheringState === 'complete') return Promise.resolve();
              return new Promise(resolve => pc.addEventListener('icegatheringstatechange',
                  () => pc.iceGatheringState === 'complete' && resolve()));
            }
            function create() {
              pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
              pc.ontrack = e => {
                const video = document.getElementById('remote');
                if (e.track.kind === 'video') { video.srcObject = new MediaStream([e.track]); }
              };
            }
            window.harness = {
              async offer() {
                create();
                const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
                stream.getTracks().forEach(t => pc.addTrack(t, stream));
                await pc.setLocalDescription(await pc.createOffer());
                await gathered(pc);
                return pc.localDescription.sdp;
              },
              async answer(sdp) {
                create();
                await pc.setRemoteDescription({type: 'offer', sdp});
                await pc.setLocalDescription(await pc.createAnswer());
                await gathered(pc);
                return pc.localDescription.sdp;
              },
              async accept(sdp) {
                await pc.setRemoteDescription({type: 'answer', sdp});
                return true;
              },
              async framesDecoded() {
                let frames = 0;
                (await pc.getStats()).forEach(s => {
                  if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
                });
                return frames;
              },
              async candidatePair() {
                const stats = await pc.getStats();
                let pair = null;
                stats.forEach(s => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
                if (!pair) return null;
                const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
                return {local: local.address + ':' + local.port, remote: remote.address + ':' + remote.port};
              }
            };
            </script></body></html>
            """;
}
