namespace Coverage.Contracts;

/// <summary>One new-employment group's estimated workers in scope and its union members.</summary>
public sealed record GroupFigures(long Workers, long Members);
