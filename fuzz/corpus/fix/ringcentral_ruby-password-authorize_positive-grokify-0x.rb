# grokify ringcentral_sdk 0.x: a platform object with authorize(username, extension, password, remember).
require 'ringcentral_sdk'

rcsdk = RingCentralSdk::Sdk.new(app_key, app_secret, RingCentralSdk::Sdk::RC_SERVER_SANDBOX)
platform = rcsdk.platform
platform.authorize(username, extension, password, true) # expect: ringcentral/ruby-password-authorize
rcsdk.platform.login(username, extension, password) # expect: ringcentral/ruby-password-authorize

# 0.5.x: authorize_password on the platform, aliased as authorize and login.
platform.authorize_password(username, extension, password, true) # expect: ringcentral/ruby-password-authorize
