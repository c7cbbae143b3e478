#!/usr/bin/env python3
"""Time from starting stationdesk to its first frame, in a real pseudo-terminal.

    python3 benches/first_frame.py target/release/stationdesk DB [RUNS]

Starts the program RUNS times (default 20) at 120x40 with STATIONDESK_TEST_OFFICER set (a
database without accounts opens straight on the dashboard) and measures until the dashboard's
title text reaches the terminal, then until the lookup index reports ready. Prints one JSON
line: first-frame and index-ready times in milliseconds (median and max).
"""
import fcntl, json, os, pty, re, select, statistics, struct, sys, termios, time, unicodedata

COLS, ROWS = 120, 40
CSI = re.compile(rb"\x1b\[([0-9;?]*)([A-Za-z])")


class Screen:
    """Just enough of a terminal for ratatui's output: it moves the cursor with CSI H and
    otherwise writes text (styles are ignored). ratatui redraws only the cells that changed,
    so text must be read off a screen, not searched for in the byte stream."""

    def __init__(self):
        self.cells = [[" "] * COLS for _ in range(ROWS)]
        self.row = self.col = 0
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        i = 0
        while i < len(data):
            if data[i] == 0x1B:
                m = CSI.match(data, i)
                if m is None:
                    if len(data) - i < 16:
                        break  # an escape sequence cut in two by the read
                    i += 1
                    continue
                if m.group(2) == b"H":
                    parts = (m.group(1).decode() or "1;1").split(";")
                    self.row, self.col = int(parts[0] or 1) - 1, int(parts[1] or 1) - 1
                i = m.end()
                continue
            j = i + 1
            while j < len(data) and data[j] & 0xC0 == 0x80:
                j += 1
            if j > len(data) or (j == len(data) and data[i] >= 0xC0 and j - i < 2):
                break
            try:
                ch = data[i:j].decode()
            except UnicodeDecodeError:
                if len(data) - i < 4:
                    break
                i = j
                continue
            i = j
            if ch < " ":
                continue
            if 0 <= self.row < ROWS and 0 <= self.col < COLS:
                self.cells[self.row][self.col] = ch
            self.col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self.pending = data[i:]

    def text(self):
        return "\n".join("".join(r) for r in self.cells)

def once(binary, db):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, STATIONDESK_TEST_OFFICER="bench", STATIONDESK_LANG="en",
                   TERM="xterm-256color")
        os.execve(binary, [binary, "--db", db], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    start = time.perf_counter()
    screen, first, ready = Screen(), None, None
    while ready is None and time.perf_counter() - start < 60:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            screen.feed(os.read(fd, 65536))
        except OSError:
            break
        shown = screen.text()
        if first is None and "People on file" in shown:
            first = time.perf_counter() - start
        if "Index ready" in shown:
            ready = time.perf_counter() - start
    os.write(fd, b"\x11")  # Ctrl+Q
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    return first, ready

def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    firsts, readies = [], []
    for _ in range(runs):
        first, ready = once(binary, db)
        if first is None or ready is None:
            sys.exit("the program did not draw its dashboard within 60 s")
        firsts.append(first * 1000)
        readies.append(ready * 1000)
    print(json.dumps({
        "runs": runs,
        "first_frame_ms_median": round(statistics.median(firsts), 1),
        "first_frame_ms_max": round(max(firsts), 1),
        "index_ready_ms_median": round(statistics.median(readies), 1),
        "index_ready_ms_max": round(max(readies), 1),
    }))

if __name__ == "__main__":
    main()
