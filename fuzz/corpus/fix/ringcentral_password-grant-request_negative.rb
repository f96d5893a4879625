# RingCentral code (RC_ names) with grant types that are not the password grant.
req.set_form_data('grant_type' => 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion' => ENV['RC_JWT'])
req.set_form_data(grant_type: 'authorization_code', code: params[:code], redirect_uri: ENV['RC_REDIRECT_URL'])
body = { grant_type: :refresh_token, refresh_token: token }
body = 'grant_type=password_reset'
