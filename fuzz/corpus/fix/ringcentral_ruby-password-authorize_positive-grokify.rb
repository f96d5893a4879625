# grokify's ringcentral_sdk 1.x-3.0 (RingCentralSdk::REST::Client).
require 'ringcentral_sdk'

client = RingCentralSdk::REST::Client.new(ENV['RC_APP_KEY'], ENV['RC_APP_SECRET'], RingCentralSdk::RC_SERVER_SANDBOX)

client.authorize_password ENV['RC_USERNAME'], ENV['RC_EXTENSION'], ENV['RC_PASSWORD'] # expect: ringcentral/ruby-password-authorize

client.authorize_password(ENV['RC_USERNAME'], ENV['RC_EXTENSION'], 'S3cr3t!', {}) # expect: ringcentral/ruby-password-authorize

client.authorize(username, extension, password) # expect: ringcentral/ruby-password-authorize

client.login(username, extension, password) # expect: ringcentral/ruby-password-authorize

sdk = RingCentralSdk::REST::Client.new(app_key, app_secret, server)
sdk.authorize_password(USERNAME, EXTENSION, PASSWORD) # expect: ringcentral/ruby-password-authorize
