namespace Coverage.Silo.Runtime;

/// <summary>Pairs a grain interface with the class that implements it.</summary>
public sealed record GrainRegistration(Type Interface, Type Implementation);
