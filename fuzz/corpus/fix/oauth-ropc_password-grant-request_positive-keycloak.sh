	#!/bin/sh
# Keycloak admin token (not RingCentral)
TOKEN_URL="https://sso.example.com/realms/master/protocol/openid-connect/token"
curl -s -d client_id=admin-cli -d grant_type=password -d username=admin -d password=hunter2 "$TOKEN_URL" # expect: oauth-ropc/password-grant-request
