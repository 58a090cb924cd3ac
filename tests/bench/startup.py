#!/usr/bin/env python3
"""Start-up of Keel against a blank Tauri 2 window (issue 17), measured the same way for both:
the screen is grabbed from the X server every 20 ms from the moment the process starts until it
stops changing (still for STILL_MS); the time is that of the first grab of the final picture. The
columns of GTK's overlay scrollbar, which fades by itself, are left out of the comparison.

Run under Xvfb (`make bench` does):  startup.py RUNS NAME=COMMAND... [--fresh-backups NAME=DIR]
Each run starts every command in turn; prints median and worst per name and the ratio of each
name's median to the first one's (the blank window), and the process tree's memory (PSS) on the
still first screen against the blank window's.
"""

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

GRAB_EVERY = 0.020
STILL_MS = 600
TIMEOUT = 60.0
# The window opens at the top left, 1200 px wide; its overlay scrollbar is its right-most ~16 px.
SCROLLBAR = (1180, 1200)

xlib = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")


class XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
        ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int), ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong), ("obdata", ctypes.c_void_p),
        ("create_image", ctypes.c_void_p), ("destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)),
    ]


xlib.XOpenDisplay.restype = ctypes.c_void_p
xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
xlib.XDefaultRootWindow.restype = ctypes.c_ulong
xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
xlib.XGetImage.restype = ctypes.POINTER(XImage)
xlib.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                           ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
xlib.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
xlib.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]

display = xlib.XOpenDisplay(None)
if not display:
    sys.exit("startup.py: no X display (run under xvfb-run)")
root = xlib.XDefaultRootWindow(display)
WIDTH, HEIGHT = xlib.XDisplayWidth(display, 0), xlib.XDisplayHeight(display, 0)


def grab():
    """A digest of the screen without the scrollbar columns."""
    image = xlib.XGetImage(display, root, 0, 0, WIDTH, HEIGHT, 0xFFFFFFFF, 2)  # ZPixmap
    if not image:
        raise RuntimeError("XGetImage failed")
    img = image.contents
    data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
    step = img.bits_per_pixel // 8
    digest = hashlib.blake2b(digest_size=16)
    left, right = SCROLLBAR[0] * step, SCROLLBAR[1] * step
    for row in range(img.height):
        start = row * img.bytes_per_line
        digest.update(data[start:start + left])
        digest.update(data[start + right:start + img.width * step])
    img.destroy_image(ctypes.cast(image, ctypes.c_void_p))
    return digest.digest()


def tree_pss_mib(pid):
    """The proportional set size (MiB) of process `pid` and every process under it (WebKit's
    web and network processes), from /proc/*/smaps_rollup."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue

    def in_tree(p):
        while p and p != pid:
            p = parents.get(p, 0)
        return p == pid

    total_kib = 0
    for p in parents:
        if not in_tree(p):
            continue
        try:
            with open(f"/proc/{p}/smaps_rollup") as rollup:
                total_kib += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except OSError:
            continue
    return total_kib / 1024


def measure(command):
    """Seconds from starting `command` to the first grab of its still screen, and the process
    tree's PSS (MiB) then."""
    empty = grab()
    env = dict(os.environ, GSETTINGS_BACKEND="memory", WEBKIT_DISABLE_DMABUF_RENDERER="1")
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        last, since = empty, start
        while time.monotonic() - start < TIMEOUT:
            now = time.monotonic()
            picture = grab()
            if picture != last:
                last, since = picture, now
            elif last != empty and (now - since) * 1000 >= STILL_MS:
                return since - start, tree_pss_mib(process.pid)
            time.sleep(max(0.0, GRAB_EVERY - (time.monotonic() - now)))
        raise RuntimeError(f"{command[0]}: the screen never kept still within {TIMEOUT:.0f} s")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        time.sleep(0.3)


def main(argv):
    runs = int(argv[0])
    named, fresh = [], {}
    args = iter(argv[1:])
    for arg in args:
        if arg == "--fresh-backups":
            name, folder = next(args).split("=", 1)
            fresh[name] = folder
        else:
            name, command = arg.split("=", 1)
            named.append((name, command.split()))
    times = {name: [] for name, _ in named}
    memory = {name: [] for name, _ in named}
    for _ in range(runs):
        for name, command in named:
            if name in fresh:
                # The first start of the day: no backup made yet today.
                shutil.rmtree(fresh[name], ignore_errors=True)
            seconds, pss = measure(command)
            times[name].append(seconds)
            memory[name].append(pss)
    baseline = statistics.median(times[named[0][0]])
    for name, _ in named:
        values = sorted(times[name])
        median = statistics.median(values)
        print(f"start → still screen, {name:<34} median {median * 1000:7.0f} ms  worst {values[-1] * 1000:7.0f} ms"
              f"  (×{median / baseline:.2f} of {named[0][0]}, {runs} runs)")
    blank_pss = statistics.median(memory[named[0][0]])
    for name, _ in named:
        pss = statistics.median(memory[name])
        print(f"process-tree PSS on the first screen, {name:<34} median {pss:6.1f} MiB"
              f"  ({pss - blank_pss:+.1f} MiB against {named[0][0]})")


if __name__ == "__main__":
    main(sys.argv[1:])
