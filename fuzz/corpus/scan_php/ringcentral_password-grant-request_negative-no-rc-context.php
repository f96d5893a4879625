<?php

// Laravel Passport: our own API issuing tokens with its own password grant.
// This file has no link to any telephony provider. The generic oauth-ropc rule
// (off by default) reports it; the provider-specific rule must not.

namespace App\Http\Controllers\Api;

use App\Http\Controllers\Controller;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;

class TokenController extends Controller
{
    public function issue(Request $request)
    {
        $response = Http::asForm()->post(url('/oauth/token'), [
            'grant_type' => 'password',
            'client_id' => config('passport.password_client.id'),
            'client_secret' => config('passport.password_client.secret'),
            'username' => $request->input('email'),
            'password' => $request->input('password'),
            'scope' => '',
        ]);

        return $response->json();
    }
}
