# grokify ringcentral_sdk 2.x-3.0: block configuration; setting username logs in.
require 'ringcentral_sdk'

client = RingCentralSdk::REST::Client.new do |config|
  config.client_id = ENV['RC_CLIENT_ID']
  config.client_secret = ENV['RC_CLIENT_SECRET']
  config.server_url = RingCentralSdk::RC_SERVER_SANDBOX
  config.username = ENV['RC_USERNAME']
  config.extension = ENV['RC_EXTENSION']
  config.password = ENV['RC_PASSWORD'] # expect: ringcentral/ruby-sdk-password-config
end

client2 = RingCentralSdk::REST::Client.new { |c| c.username = '+18881112233'; c.password = 'hunter2' } # expect: ringcentral/ruby-sdk-password-config

# Password read from the environment by load_env: the username alone starts the login.
client3 = RingCentralSdk::REST::Client.new do |cfg|
  cfg.load_env = true
  cfg.username = ENV['RINGCENTRAL_USERNAME'] # expect: ringcentral/ruby-sdk-password-config
end
