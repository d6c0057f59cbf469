namespace Coverage.Contracts;

/// <summary>One new-employment group's estimated workers in scope and its union members.</summary>
public sealed record GroupFigures(long Workers, long Members)
{
    public static readonly GroupFigures Zero = new(0, 0);

    public GroupFigures Plus(GroupFigures other) => new(Workers + other.Workers, Members + other.Members);
}
