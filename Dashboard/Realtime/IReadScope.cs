using System.Security.Claims;

namespace Coverage.Dashboard.Realtime;

/// <summary>Decides whether a caller may read an org; the hub asks it so push follows the same rules as the API.</summary>
public interface IReadScope
{
    bool MayRead(ClaimsPrincipal? user, string code);
}
