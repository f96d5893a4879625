<?php

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use App\Models\User;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Auth;
use RingCentral\SDK\SDK;

/**
 * Logs users into *our* app, then texts them a notice through RingCentral (JWT auth).
 * The password here is the app user's password, not a RingCentral password grant.
 */
class LoginController extends Controller
{
    public function login(Request $request)
    {
        $credentials = $request->validate([
            'email' => ['required', 'email'],
            'password' => ['required'],
        ]);

        if (!Auth::attempt(['email' => $credentials['email'], 'password' => $credentials['password']], $request->boolean('remember'))) {
            return back()->withErrors(['email' => 'Enter your password again.']);
        }

        $this->notifyBySms($request->user());

        return redirect()->intended('/dashboard');
    }

    public function impersonate(User $user)
    {
        Auth::login($user);
        auth()->login($user, true);

        return redirect('/');
    }

    public function loginAfterRegistration(Request $request, User $user)
    {
        $remember = $request->boolean('remember');
        $this->guard()->login($user, $remember);
        Auth::loginUsingId($user->id);

        return redirect('/welcome');
    }

    protected function guard()
    {
        return Auth::guard('web');
    }

    private function notifyBySms(User $user): void
    {
        $rcsdk = new SDK(env('RC_CLIENT_ID'), env('RC_CLIENT_SECRET'), SDK::SERVER_PRODUCTION);
        $platform = $rcsdk->platform();
        $platform->login(['jwt' => env('RC_JWT')]);

        $platform->post('/restapi/v1.0/account/~/extension/~/sms', [
            'from' => ['phoneNumber' => env('RC_SMS_FROM')],
            'to' => [['phoneNumber' => $user->phone]],
            'text' => 'New sign-in to your account. If this was not you, reset your password.',
        ]);
    }
}
