// MSAL Go: username/password.
package entra

import (
	"context"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

func token(ctx context.Context, client public.Client, user, pw string) (public.AuthResult, error) {
	return client.AcquireTokenByUsernamePassword(ctx, []string{"User.Read"}, user, pw) // expect: oauth-ropc/msal-username-password
}
