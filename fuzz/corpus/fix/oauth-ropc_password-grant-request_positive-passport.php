0<?php

// Laravel Passport password grant issued by a first-party SPA backend.

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;

class TokenProxyController extends Controller
{
    public function issue(Request $request)
    {
        $response = Http::asForm()->post(url('/oauth/token'), [
            'grant_type' => 'password', // expect: oauth-ropc/password-grant-request
            'client_id' => config('passport.password_client.id'),
            'client_secret' => config('passport.password_client.secret'),
            'username' => $request->input('email'),
            'password' => $request->input('password'),
            'scope' => '',
        ]);

        return $response->json();
    }

    public function refresh(Request $request)
    {
        return Http::asForm()->post(url('/oauth/token'), [
            'grant_type' => 'refresh_token',
            'refresh_token' => $request->input('refresh_token'),
            'client_id' => config('passport.password_client.id'),
            'client_secret' => config('passport.password_client.secret'),
            'scope' => '',
        ])->json();
    }
}
