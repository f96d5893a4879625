	#!/bin/sh
# Keycloak, not RingCentral: belongs to oauth-ropc/password-grant-request (off by default).
curl -d grant_type=password -d username=admin -d password=hunter2 \
  "https://sso.example.com/realms/master/protocol/openid-connect/token"
