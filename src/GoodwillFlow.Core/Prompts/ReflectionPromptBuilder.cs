using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Prompts;

/// <summary>Builds the "legacy of goodwill" reflection prompt for a connection.</summary>
public static class ReflectionPromptBuilder
{
    /// <summary>Builds the prompt for <paramref name="connection"/> as of <paramref name="today"/>.</summary>
    public static ReflectionPrompt Build(Connection connection, DateOnly today) =>
        throw new NotImplementedException("Owned by the prompts work package.");
}
