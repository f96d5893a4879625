# A Rails controller that logs users in with their RingCentral password: the auth-code flow fits.
require 'ringcentral'

class SessionsController < ApplicationController
  def create
    rc = RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])
    rc.authorize(username: params[:username], extension: params[:extension], password: params[:password]) # expect: ringcentral/ruby-password-authorize
    session[:token] = rc.token
    redirect_to root_path
  end
end
