	#!/bin/sh
# Old token script: RingCentral password grant by hand.
SERVER=https://platform.ringcentral.com

curl -X POST "$SERVER/restapi/oauth/token" \
  -u "$RC_CLIENT_ID:$RC_CLIENT_SECRET" \
  -H "Content-Type: application/x-www-form-urlencoded" \
  -d "grant_type=password&username=$RC_USERNAME&extension=101&password=hunter2" # expect: ringcentral/password-grant-request

curl -s "$SERVER/restapi/oauth/token" -u "$ID:$SECRET" \
  --data-urlencode 'grant_type=password' --data-urlencode username=16505550100 --data-urlencode password=hunter2 # expect: ringcentral/password-grant-request

curl -s "$SERVER/restapi/oauth/token" -u "$ID:$SECRET" \
  -d grant_type=password -d username=16505550100 -d password=hunter2 -d extension=101 # expect: ringcentral/password-grant-request

BODY='grant_type=password&username=16505550100&password=hunter2' # expect: ringcentral/password-grant-request
wget --post-data="$BODY" "$SERVER/restapi/oauth/token"
