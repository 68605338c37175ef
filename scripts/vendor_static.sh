#!/usr/bin/env bash
# Copy pinned front-end libraries from the npm registry into biaozhun/static/vendor/, licences beside them.
# Run by hand when a version changes; the copied files are committed so `make run` needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=biaozhun/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() {  # package@version
  (cd "$work" && npm pack --silent "$1" >/dev/null)
}
fetch bootstrap@5.3.9
fetch htmx.org@2.0.11
fetch pdfjs-dist@6.5.438
fetch echarts@5.6.0
for f in "$work"/*.tgz; do tar -xzf "$f" -C "$work" && mv "$work/package" "$work/$(basename "$f" .tgz)"; done
mkdir -p "$dest/bootstrap" "$dest/htmx"
cp "$work"/bootstrap-5.3.9/dist/css/bootstrap.min.css "$work"/bootstrap-5.3.9/dist/css/bootstrap.min.css.map "$dest/bootstrap/"
cp "$work"/bootstrap-5.3.9/dist/js/bootstrap.bundle.min.js "$work"/bootstrap-5.3.9/dist/js/bootstrap.bundle.min.js.map "$dest/bootstrap/"
cp "$work"/bootstrap-5.3.9/LICENSE "$dest/bootstrap/LICENSE"
cp "$work"/htmx.org-2.0.11/dist/htmx.min.js "$dest/htmx/"
cp "$work"/htmx.org-2.0.11/LICENSE "$dest/htmx/LICENSE"
rm -rf "$dest/pdfjs" && mkdir -p "$dest/pdfjs"
cp "$work"/pdfjs-dist-6.5.438/build/pdf.min.mjs "$work"/pdfjs-dist-6.5.438/build/pdf.worker.min.mjs "$dest/pdfjs/"
cp -r "$work"/pdfjs-dist-6.5.438/cmaps "$work"/pdfjs-dist-6.5.438/standard_fonts "$dest/pdfjs/"
cp "$work"/pdfjs-dist-6.5.438/LICENSE "$dest/pdfjs/LICENSE"
rm -rf "$dest/echarts" && mkdir -p "$dest/echarts"
cp "$work"/echarts-5.6.0/dist/echarts.min.js "$work"/echarts-5.6.0/LICENSE "$dest/echarts/"
echo "bootstrap 5.3.9, htmx.org 2.0.11, pdfjs-dist 6.5.438, echarts 5.6.0" > "$dest/VERSIONS"
