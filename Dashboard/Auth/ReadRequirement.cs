using Microsoft.AspNetCore.Authorization;

namespace Coverage.Dashboard.Auth;

/// <summary>Reads need a reader key, unless Auth:AllowAnonymousRead opens them to everyone.</summary>
public sealed class ReadRequirement : IAuthorizationRequirement;
