"""Fetch the Nu Html Checker (vnu.jar) from the npm registry, checked against a pinned hash.

CI machines have Python, pip and apt but not npm; the registry serves the same tarball that
``npm install vnu-jar`` would unpack. Usage: ``python .ci/fetch_vnu.py DEST_DIR`` prints the
path of vnu.jar. Nothing is written unless the tarball's sha512 matches the pinned integrity.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
URL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
INTEGRITY = "TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
MEMBER = "package/build/dist/vnu.jar"


def main(dest: Path) -> int:
    jar = dest / f"vnu-{VERSION}.jar"
    if not jar.exists():
        with urllib.request.urlopen(URL, timeout=120) as response:
            data = response.read()
        digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != INTEGRITY:
            print(f"fetch_vnu: {URL} does not match the pinned sha512", file=sys.stderr)
            return 1
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            member = archive.extractfile(MEMBER)
            assert member is not None, f"{MEMBER} is missing from the tarball"
            dest.mkdir(parents=True, exist_ok=True)
            partial = jar.with_suffix(".part")
            partial.write_bytes(member.read())
            partial.replace(jar)
    print(jar)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
