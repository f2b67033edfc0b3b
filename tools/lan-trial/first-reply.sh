#!/bin/bash
# Timed first-hour run: a new user (B, netns pb) from launch to the host's first reply on B's screen.
export DISPLAY=:99
OUT=${1:-/tmp/lan/run1}; mkdir -p $OUT
D=${DELAY:-300}        # xdotool --delay (measured here: about 6 characters a second)
P=${PAUSE:-0.8}        # seconds to find the next thing to click or type
N=0; T0=0
log() { printf '%6.1f s  #%-2s %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$N" "$*" | tee -a $OUT/steps.txt; }
act() { N=$((N+1)); sleep $P; }
mean() { import -window root -crop $1 -format '%[fx:mean]' info: 2>/dev/null; }
waitfor() { # waitfor DESC CMD... : poll every 0.1 s until CMD succeeds (at most 60 s)
  local d=$1; shift; local end=$(( $(date +%s) + 60 ))
  until "$@"; do sleep 0.1; [ $(date +%s) -gt $end ] && { log "TIMEOUT $d"; import -window root $OUT/timeout.png; exit 1; }; done
}
shot() { import -window root $OUT/$1.png & }
rm -f $OUT/steps.txt
T0=$(date +%s.%N)
(setsid $(dirname "$0")/run-app.sh pb $2 /tmp/lan/b.log &)
log "B launches Parley"
waitfor window bash -c '[ $(xdotool search --name "^Parley$" 2>/dev/null | wc -l) -ge 2 ]'
log "window shown"
waitfor "LAN row" bash -c '(( $(echo "$(import -window root -crop 40x14+576+462 -format "%[fx:mean]" info:) < 0.97" | bc) ))'
log "server listed under On your network"; shot 01-lan
act; xdotool mousemove 645 478 click 1; log "click the server row"
act; xdotool mousemove 963 480 click 1; log "click Connect"
waitfor "trust dialog" bash -c 'xdotool search --name "^New server$" >/dev/null 2>&1'
sleep 0.3; shot 02-trust
TW=$(xdotool search --name "^New server$" | head -1); eval $(xdotool getwindowgeometry --shell $TW)
sleep 2  # compare the fingerprint with the host's (read 32 hex pairs against the host dialog)
act; xdotool mousemove $((X+WIDTH-76)) $((Y+HEIGHT-35)) click 1; log "compare the fingerprint, click Trust"
waitfor "form" bash -c '(( $(echo "$(import -window root -crop 4x4+630+670 -format "%[fx:p{0,0}.r]" info:) < 0.3" | bc) ))'
sleep 0.2; shot 03-form
act; xdotool type --delay $D carol; log "type a username"
act; xdotool key Tab; xdotool type --delay $D 'C4rolSecret'; log "Tab, type a password"
act; xdotool key Tab; xdotool type --delay $D 'C4rolSecret'; log "Tab, repeat it"
act; xdotool key Return; log "Enter: Create account"
waitfor "main window" bash -c '(( $(echo "$(import -window root -crop 16x16+1220+179 -format "%[fx:mean]" info:) < 0.95" | bc) ))'
sleep 0.3; log "logged in"; shot 04-main
act; xdotool type --delay $D alice; log "type alice into Add a contact"
act; xdotool key Return; log "Enter: add"
sleep 0.5; shot 05-added
act; xdotool type --delay $D "Hi Alice, it's Carol from accounts. Lunch at 12:30?"; log "type a message"
act; xdotool key Return; log "Enter: send"
sleep 0.5; BASE=$(mean 270x14+286+298)
waitfor "toast on the host" bash -c '(( $(echo "$(import -window root -crop 20x20+1390+935 -format "%[fx:mean]" info:) > 0.5" | bc) ))'
log "host: notification shown"; shot 06-toast
act; xdotool mousemove 1400 945 click 1; log "host: click the notification"
act; xdotool type --delay $D 'Yes! See you at 12:30.'; log "host: type a reply"
act; xdotool key Return; log "host: Enter: send"
waitfor "reply on B" bash -c "(( \$(echo \"\$(import -window root -crop 270x14+286+298 -format '%[fx:mean]' info:) != $BASE\" | bc) ))"
log "reply shown on B's screen (actions: $N)"
sleep 0.5; import -window root $OUT/07-reply.png
