#!/bin/bash
# run.sh NS HOME LOG
export DISPLAY=:99
exec ip netns exec $1 java -Duser.home=$2 -jar ${PARLEY_JAR:-/tmp/lan/parley.jar} > $3 2>&1
