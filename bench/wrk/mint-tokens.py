#!/usr/bin/env python3
"""Mints participant tokens for distinct users, one per line, for the wrk scripts.

usage: mint-tokens.py SECRET FIRST_USER COUNT > tokens.txt
"""
import base64
import hashlib
import hmac
import json
import sys
import time


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


secret, first, count = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3])
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
expires = int(time.time()) + 7200
for user in range(first, first + count):
    payload = b64(json.dumps({"sub": str(user), "role": "participant", "exp": expires}, separators=(",", ":")).encode())
    signature = b64(hmac.new(secret, (header + "." + payload).encode(), hashlib.sha256).digest())
    print(header + "." + payload + "." + signature)
