#!/usr/bin/env bash
# Prints the password hash the sftp example's --password-hash-file takes:
# pbkdf2-sha256$600000$SALT$HASH (PBKDF2-HMAC-SHA256, OWASP's 600,000 iterations, a random 16-byte
# salt, base64). The password is read from the terminal (twice), or as one line from stdin when that
# is not a terminal; it is never an argument. Write the hash to a file only you can read:
#   (umask 077 && ./make-password-hash.sh > password-hash)
# Needs python3 (its hashlib).
set -euo pipefail
exec python3 -c '
import base64, getpass, hashlib, os, sys
ITERATIONS = 600000
if sys.stdin.isatty():
    password = getpass.getpass("password: ")
    if getpass.getpass("again: ") != password:
        sys.exit("make-password-hash: the two passwords differ")
else:
    password = sys.stdin.readline()
    password = password[:-1] if password.endswith("\n") else password
if not password:
    sys.exit("make-password-hash: the password is empty")
salt = os.urandom(16)
digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS, 32)
b64 = lambda b: base64.b64encode(b).decode("ascii").rstrip("=")
print("pbkdf2-sha256$%d$%s$%s" % (ITERATIONS, b64(salt), b64(digest)))
'
