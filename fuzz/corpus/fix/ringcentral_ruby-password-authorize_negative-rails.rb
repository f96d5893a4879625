# Rails controller with Pundit/CanCan and Devise in a RingCentral app (RC_CLIENT_ID below).
class PostsController < ApplicationController
  RC_CLIENT_ID = ENV['RC_CLIENT_ID']

  def update
    @post = Post.find(params[:id])
    authorize @post, :update?
    authorize! :update, @post
    policy.authorize(current_user, :update, @post)
    warden.authenticate!(scope: :user)
    Session.login(params[:username], params[:extension], params[:password])
    oauth_client = OAuth2::Client.new(id, secret, site: 'https://idp.example.com')
    oauth_client.password.get_token(params[:username], params[:password])
  end
end
