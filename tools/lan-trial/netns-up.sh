#!/usr/bin/env bash
# Two simulated computers on one LAN: netns pa (10.77.0.1) and pb (10.77.0.2) joined by a veth pair.
set -e
ip netns add pa 2>/dev/null || true
ip netns add pb 2>/dev/null || true
if ! ip netns exec pa ip link show va >/dev/null 2>&1; then
  ip link add va type veth peer name vb
  ip link set va netns pa
  ip link set vb netns pb
fi
ip netns exec pa ip addr replace 10.77.0.1/24 dev va
ip netns exec pb ip addr replace 10.77.0.2/24 dev vb
for ns in pa pb; do
  ip netns exec $ns ip link set lo up
  ip netns exec $ns ip link set lo multicast on
done
ip netns exec pa ip link set va up multicast on
ip netns exec pb ip link set vb up multicast on
ip netns exec pa ip route replace 224.0.0.0/4 dev va
ip netns exec pb ip route replace 224.0.0.0/4 dev vb
pgrep -f 'Xvfb :99' >/dev/null || (Xvfb :99 -screen 0 1600x1000x24 -nolisten tcp >/tmp/lan-xvfb.log 2>&1 &)
sleep 1
[ -f /tmp/lan-openbox.pid ] && kill -0 $(cat /tmp/lan-openbox.pid) 2>/dev/null || (DISPLAY=:99 openbox >/tmp/lan-openbox.log 2>&1 & echo $! >/tmp/lan-openbox.pid)
echo up
