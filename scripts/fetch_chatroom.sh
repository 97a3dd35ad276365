#!/usr/bin/env bash
# Fetches the third-party Rasa widget the browser tests hold a conversation with:
# @scalableminds/chatroom 0.12.0, its npm tarball unpacked into build/chatroom/ (gitignored).
# Checked against the tarball's published SHA-1, so every run tests the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.12.0
SHA1=80db0d50280679756a72a07033c0fd2ff72c9dbe
DEST=build/chatroom

if [[ -f "$DEST/package/dist/Chatroom.js" ]] && grep -q "\"version\": \"$VERSION\"" "$DEST/package/package.json"; then
  exit 0
fi
rm -rf "$DEST" && mkdir -p "$DEST"
tarball=$(cd "$DEST" && npm pack --silent "@scalableminds/chatroom@$VERSION")
echo "$SHA1  $DEST/$tarball" | sha1sum --check --quiet
tar -xzf "$DEST/$tarball" -C "$DEST"
echo "chatroom $VERSION in $DEST/package"
