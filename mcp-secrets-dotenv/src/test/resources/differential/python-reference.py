# Parses each .env file named on stdin (one path per line) with python-dotenv's dotenv_values (interpolation on)
# and prints one line per file: "ok" followed by base64(key):base64(value) pairs ("~" for None), or "error <name>".
import base64
import importlib.metadata
import logging
import sys

logging.disable(logging.CRITICAL)
from dotenv import dotenv_values  # noqa: E402


def b64(s):
    return base64.b64encode(s.encode("utf-8", "surrogatepass")).decode("ascii")


out = ["version python-dotenv " + importlib.metadata.version("python-dotenv")]
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    try:
        values = dotenv_values(path, interpolate=True, encoding="utf-8")
        out.append("ok " + " ".join(b64(k) + ":" + ("~" if v is None else b64(v)) for k, v in values.items()))
    except Exception as e:  # a reference failure is a result to compare, not a crash
        out.append("error " + type(e).__name__)
sys.stdout.write("\n".join(out) + "\n")
