#!/bin/sh
# Regenerates the committed icons with ImageMagick (`convert`): tray icons per state at 16 px and
# 32 px (@2x), monochrome *Template.png variants for the macOS menu bar, and the app icon.
# Shapes differ per state (not only colours) so the template images stay readable.
set -eu
cd "$(dirname "$0")"
mkdir -p tray

# draw_state <state> <colour> <size> <out>
draw_state() {
  state=$1 colour=$2 size=$3 out=$4
  s=$size
  c=$((s / 2))                 # centre
  r=$((s * 7 / 16))            # outer radius
  w=$((s / 8)); [ "$w" -lt 2 ] && w=2
  case $state in
    healthy)   draw="fill $colour stroke none circle $c,$c $c,$((c - r))" ;;
    degraded)  draw="fill none stroke $colour stroke-width $w circle $c,$c $c,$((c - r + w / 2)) fill $colour stroke none path 'M $c,$((c - r)) A $r,$r 0 0,1 $c,$((c + r)) Z'" ;;
    down)      draw="fill none stroke $colour stroke-width $w circle $c,$c $c,$((c - r + w / 2)) line $((c - r / 2)),$((c - r / 2)) $((c + r / 2)),$((c + r / 2))" ;;
    crash)     draw="fill $colour stroke none path 'M $c,$((c - r)) L $((c + r)),$((c + r)) L $((c - r)),$((c + r)) Z' fill none stroke white stroke-width $w line $c,$((c - r / 3)) $c,$((c + r / 3)) point $c,$((c + r * 2 / 3))" ;;
    stopped)   draw="fill none stroke $colour stroke-width $w circle $c,$c $c,$((c - r + w / 2))" ;;
    approvals) draw="fill $colour stroke none circle $c,$c $c,$((c - r)) fill white circle $c,$c $c,$((c - r / 3))" ;;
  esac
  # Template images are read by alpha only, so white details become holes there.
  punch=""
  [ "$colour" = black ] && punch="-fuzz 40% -transparent white"
  eval convert -size "${s}x${s}" xc:none -draw "\"$draw\"" $punch "PNG32:$out"
}

colour_of() {
  case $1 in
    healthy) echo '#2e9d4f' ;; degraded) echo '#d99a1e' ;; down) echo '#d23c3c' ;;
    crash) echo '#c0262d' ;; stopped) echo '#8a8f98' ;; approvals) echo '#2f6fdb' ;;
  esac
}

for state in healthy degraded down crash stopped approvals; do
  draw_state "$state" "$(colour_of "$state")" 16 "tray/tray-$state.png"
  draw_state "$state" "$(colour_of "$state")" 32 "tray/tray-$state@2x.png"
  draw_state "$state" black 16 "tray/tray-${state}Template.png"
  draw_state "$state" black 32 "tray/tray-${state}Template@2x.png"
done

# App icon: a rounded square with a "P".
convert -size 512x512 xc:none -fill '#2f6fdb' -draw 'roundrectangle 16,16 496,496 96,96' \
  -fill white -font DejaVu-Sans-Bold -pointsize 340 -gravity center -annotate +0+10 'P' PNG32:icon.png
convert icon.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
# ICNS is a header plus PNG entries (ic07 = 128, ic08 = 256, ic09 = 512); ImageMagick cannot write it.
convert icon.png -resize 128x128 PNG32:icns-128.png
convert icon.png -resize 256x256 PNG32:icns-256.png
python3 - <<'PY'
import struct
entries = b''
for kind, path in ((b'ic07', 'icns-128.png'), (b'ic08', 'icns-256.png'), (b'ic09', 'icon.png')):
    data = open(path, 'rb').read()
    entries += kind + struct.pack('>I', len(data) + 8) + data
open('icon.icns', 'wb').write(b'icns' + struct.pack('>I', len(entries) + 8) + entries)
PY
rm -f icns-128.png icns-256.png
