namespace GoodwillFlow.Core.Planning;

/// <summary>The companies and roles the owner is aiming for; matches are prompted first and score higher.</summary>
/// <param name="Companies">Company names, matched case- and accent-insensitively against the connection's company.</param>
/// <param name="Roles">Role keywords, matched against the connection's position (for example "engineering manager").</param>
public sealed record OwnerTargets(IReadOnlyList<string> Companies, IReadOnlyList<string> Roles)
{
    /// <summary>No targets.</summary>
    public static OwnerTargets None { get; } = new([], []);
}
