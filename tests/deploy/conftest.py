"""A local S3 server (moto's server mode) for the media-storage tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

# moto_server listens here (loopback only); TEST_S3_PORT moves it.
S3_PORT = int(os.environ.get("TEST_S3_PORT", "18390"))
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> str:
    """Start moto_server on loopback for this session; its address."""
    executable = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.fail("moto_server is missing: `pip install --group dev` (moto[server])")
    if _port_open(S3_PORT):
        pytest.fail(f"port {S3_PORT} is taken; set TEST_S3_PORT to a free port")
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [executable, "-H", "127.0.0.1", "-p", str(S3_PORT)], stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 30
        while not _port_open(S3_PORT):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"moto_server did not start: {log.read_text()}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{S3_PORT}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def public_read_bucket(endpoint: str, bucket: str) -> None:
    """A bucket whose objects anyone may read (the policy README.md asks for)."""
    import json

    client = s3_client(endpoint)
    client.create_bucket(Bucket=bucket)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


def _pdf() -> bytes:
    """A small, well-formed PDF (one empty page), its cross-reference table computed."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF_BYTES = _pdf()
