using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

// ASP.NET authorization and Identity sign-in: not OAuth password grants.
[Authorize]
public class AccountController : Controller
{
    private readonly IAuthorizationService _authorization;
    private readonly SignInManager<IdentityUser> _signIn;
    private readonly AccessPolicy _policy;

    public AccountController(IAuthorizationService authorization, SignInManager<IdentityUser> signIn, AccessPolicy policy)
    {
        _authorization = authorization;
        _signIn = signIn;
        _policy = policy;
    }

    [Authorize(Roles = "Admin")]
    [HttpPost]
    public async Task<IActionResult> Login(string user, string password, string resource)
    {
        var result = await _signIn.PasswordSignInAsync(user, password, true, false);
        var allowed = await _authorization.AuthorizeAsync(User, resource, "EditPolicy");
        _policy.Authorize(user, resource, "write");
        return Ok(result.Succeeded && allowed.Succeeded);
    }
}
