# ringcentral_sdk 3.1+: JWT in the block; other configuration blocks with passwords.
require 'ringcentral_sdk'

client = RingCentralSdk::REST::Client.new do |config|
  config.client_id = ENV['RC_CLIENT_ID']
  config.client_secret = ENV['RC_CLIENT_SECRET']
  config.server_url = RingCentralSdk::RC_SERVER_PRODUCTION
  config.jwt = ENV['RC_JWT']
end

client = RingCentralSdk::REST::Client.new do |config|
  config.username = nil
  config.redirect_url = ENV['RC_REDIRECT_URL']
end

Mail.defaults do |config|
  config.username = ENV['SMTP_USERNAME']
  config.password = ENV['SMTP_PASSWORD']
end

Sidekiq.configure_server do |config|
  config.password = ENV['REDIS_PASSWORD']
end

user.password = params[:password]
