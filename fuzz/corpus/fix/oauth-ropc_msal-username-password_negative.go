// MSAL Go confidential client.
package entra

import (
	"context"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

func token(ctx context.Context, client confidential.Client) (confidential.AuthResult, error) {
	return client.AcquireTokenByCredential(ctx, []string{"https://graph.microsoft.com/.default"})
}
