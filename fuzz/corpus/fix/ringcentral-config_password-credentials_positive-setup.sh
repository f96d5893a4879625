	#!/bin/sh
# setup script for the RingCentral alert bot
export RC_SERVER_URL=https://platform.ringcentral.com
export RC_USERNAME=+16505550100
export RC_PASSWORD='hunter2' # expect: ringcentral-config/password-credentials
node bot.js
