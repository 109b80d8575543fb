"""Loads a page made by `imr report` in headless Chromium and checks what a reader would see.

    python3 tests/browser/report.py CHROMIUM PAGE.html OUT_DIR

Drives the browser over the DevTools protocol on a pipe (--remote-debugging-pipe; Python's
standard library only), and fails (status 1) unless:
- the page loads with no console message, no uncaught exception and no browser log entry of
  level warning or error (a failed load, a blocked request...);
- the embedded data parses in the browser and the page holds its charts;
- a screenshot of the whole page is not blank (many colours, a good share of pixels not white);
- the page prints (Page.printToPDF).
Writes OUT_DIR/report.png (the screenshot) and OUT_DIR/report.pdf (the print) to look at.
"""

import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


class Browser:
    """Chromium with the DevTools protocol on file descriptors 3 (in) and 4 (out)."""

    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            # Copied out of the way first, in case either end is 3 or 4 already. The copies
            # made by dup2 are inherited; every other descriptor is closed on exec (Python
            # opens them so), which is why close_fds is not needed, and would close 3 and 4.
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            close_fds=False,
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method):
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


def png_pixels(data):
    """The width, height and rows of RGB(A) pixels of an 8-bit PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"PNG depth {depth} colour type {colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def main():
    chromium, page, out = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            target = browser.call("Target.createTarget", url="about:blank")["targetId"]
            session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                browser.call(f"{domain}.enable", session)
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=1100,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            browser.call("Page.navigate", session, url=f"file://{page}")
            browser.wait_for("Page.loadEventFired")
            facts = browser.call(
                "Runtime.evaluate",
                session,
                returnByValue=True,
                expression="""({
                    charts: document.querySelectorAll('svg').length,
                    sections: document.querySelectorAll('main section, section').length,
                    inputs: JSON.parse(document.getElementById('imr-report-data').textContent).letters.inputs,
                    height: document.documentElement.scrollHeight,
                    text: document.body.innerText.length,
                })""",
            )["result"]["value"]
            shot = browser.call(
                "Page.captureScreenshot", session, format="png", captureBeyondViewport=True
            )
            printed = browser.call("Page.printToPDF", session, printBackground=True)
            for event in browser.events:
                method, params = event.get("method"), event.get("params", {})
                if method == "Runtime.consoleAPICalled":
                    args = " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                    problems.append(f"console.{params['type']}: {args}")
                elif method == "Runtime.exceptionThrown":
                    problems.append(f"uncaught exception: {params['exceptionDetails'].get('text')}")
                elif method == "Log.entryAdded" and params["entry"]["level"] in ("warning", "error"):
                    entry = params["entry"]
                    problems.append(f"browser log {entry['level']}: {entry['text']} {entry.get('url', '')}")
        finally:
            browser.close()

    png = base64.b64decode(shot["data"])
    with open(os.path.join(out, "report.png"), "wb") as f:
        f.write(png)
    pdf = base64.b64decode(printed["data"])
    with open(os.path.join(out, "report.pdf"), "wb") as f:
        f.write(pdf)

    width, height, bpp, rows = png_pixels(png)
    colours, inked = set(), 0
    for row in rows[::4]:
        for x in range(0, width * bpp, bpp * 4):
            pixel = row[x : x + 3]
            colours.add(pixel)
            inked += pixel != b"\xff\xff\xff"
    sampled = len(rows[::4]) * len(range(0, width * bpp, bpp * 4))
    share = inked / sampled
    print(
        f"page: {facts['charts']} charts, {facts['sections']} sections, inputs: {facts['inputs']}, "
        f"{facts['text']} characters of text; screenshot {width}x{height}, {len(colours)} colours "
        f"sampled, {share:.1%} not white; print {len(pdf)} bytes"
    )
    if facts["charts"] < 1 or facts["text"] < 500:
        problems.append(f"the page shows too little: {facts}")
    if len(colours) < 16 or share < 0.03 or height < 1000:
        problems.append("the screenshot is blank or nearly")
    if not pdf.startswith(b"%PDF"):
        problems.append("the page did not print")
    for p in problems:
        print(f"problem: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
