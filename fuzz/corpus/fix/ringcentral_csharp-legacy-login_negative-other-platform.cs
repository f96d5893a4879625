using System.Threading.Tasks;

// Another library's platform with a three-argument Login, in code with no RingCentral context.
public class GameClient
{
    private readonly GamePlatform platform = new GamePlatform();

    public Task Start(string user, string password) => platform.Login(user, password, true);
}
