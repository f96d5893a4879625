0<?php

namespace App\Http\Controllers;

use App\Models\Post;
use Illuminate\Contracts\Auth\Access\Gate;
use Illuminate\Http\Request;
use RingCentral\SDK\SDK;

/**
 * Laravel policies use authorize() too. RingCentral is used here with auth code + JWT only.
 */
class PostController extends Controller
{
    public function update(Request $request, Post $post, Gate $gate)
    {
        $gate->authorize('update-post', $post);
        $this->authorize('view', $post);

        $post->update($request->validated());

        return redirect()->route('posts.show', $post);
    }

    public function destroy(Post $post)
    {
        $this->authorize('delete', $post);
        $post->delete();

        return redirect()->route('posts.index');
    }

    public function connectPhone(Request $request)
    {
        $rcsdk = new SDK(env('RC_CLIENT_ID'), env('RC_CLIENT_SECRET'), 'https://platform.ringcentral.com');
        $platform = $rcsdk->platform();

        return redirect($platform->authUrl([
            'redirectUri' => route('phone.callback'),
            'state' => csrf_token(),
        ]));
    }

    public function notify(Post $post)
    {
        $this->authorize('notify', $post);

        $rcsdk = new SDK(env('RC_CLIENT_ID'), env('RC_CLIENT_SECRET'), SDK::SERVER_PRODUCTION);
        $platform = $rcsdk->platform();
        $platform->login(['jwt' => env('RC_JWT')]);
        $platform->post('/restapi/v1.0/account/~/extension/~/sms', [
            'from' => ['phoneNumber' => env('RC_SMS_FROM')],
            'to' => [['phoneNumber' => $post->author->phone]],
            'text' => 'Your post was published.',
        ]);
    }
}
