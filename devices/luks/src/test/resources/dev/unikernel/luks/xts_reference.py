#!/usr/bin/python3
"""An AES-XTS reference independent of our Java code: python3-cryptography (OpenSSL).

Encrypts or decrypts the data segment of a LUKS2 image as dm-crypt does for aes-xts-plain64:
each SECTOR_SIZE-byte sector is one XTS data unit whose tweak is the segment-relative byte offset
divided by 512 (plain64 counts 512-byte units, also for 4096-byte sectors), little-endian.

  xts_reference.py decrypt IMAGE VOLUME_KEY_FILE DATA_OFFSET SECTOR_SIZE PLAINTEXT_OUT
  xts_reference.py encrypt IMAGE VOLUME_KEY_FILE DATA_OFFSET SECTOR_SIZE PLAINTEXT_IN

encrypt writes PLAINTEXT_IN (whole sectors) into IMAGE from DATA_OFFSET on.
"""
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def transform(key, data, sector_size, encrypt):
    out = bytearray()
    for start in range(0, len(data), sector_size):
        tweak = (start // 512).to_bytes(16, "little")
        cipher = Cipher(algorithms.AES(key), modes.XTS(tweak))
        engine = cipher.encryptor() if encrypt else cipher.decryptor()
        out += engine.update(data[start:start + sector_size]) + engine.finalize()
    return bytes(out)


def main():
    mode, image, key_file, offset, sector_size, plain = sys.argv[1:7]
    offset, sector_size = int(offset), int(sector_size)
    key = open(key_file, "rb").read()
    if mode == "decrypt":
        with open(image, "rb") as f:
            f.seek(offset)
            data = f.read()
        data = data[:len(data) // sector_size * sector_size]
        with open(plain, "wb") as f:
            f.write(transform(key, data, sector_size, False))
    elif mode == "encrypt":
        data = open(plain, "rb").read()
        if len(data) % sector_size:
            sys.exit("plaintext is not whole sectors")
        with open(image, "r+b") as f:
            f.seek(offset)
            f.write(transform(key, data, sector_size, True))
    else:
        sys.exit("mode must be encrypt or decrypt")


if __name__ == "__main__":
    main()
