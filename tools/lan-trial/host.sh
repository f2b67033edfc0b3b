#!/bin/bash
# The host (netns pa): fresh home, Host a server, create alice; window to the lower right.
export DISPLAY=:99
pkill -f 'parley.jar' ; sleep 2
rm -rf /tmp/lan/a /tmp/lan/b; mkdir -p /tmp/lan/a /tmp/lan/b
(setsid $(dirname "$0")/run-app.sh pa /tmp/lan/a /tmp/lan/a.log &)
until [ $(xdotool search --name '^Parley$' 2>/dev/null | wc -l) -ge 1 ]; do sleep 0.2; done
sleep 4; A=$(xdotool search --name '^Parley$' | head -1); echo $A > /tmp/lan/A.wid
xdotool mousemove 800 708 click 1
until (( $(echo "$(import -window root -crop 4x4+630+670 +repage -format '%[fx:p{0,0}.r]' info:) < 0.3" | bc) )); do sleep 0.2; done
sleep 0.5
xdotool type --delay 60 alice; xdotool key Tab; xdotool type --delay 60 'Passw0rdOK'; xdotool key Tab; xdotool type --delay 60 'Passw0rdOK'; xdotool key Return
sleep 8
sleep 1; xdotool windowsize $A 790 720; xdotool windowmove $A 810 280; sleep 1
import -window root /tmp/lan/a-ready.png
