namespace Coverage.Runtime;

/// <summary>Marks an interface whose calls are routed to a grain activation.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, such as an org code.</summary>
public interface IGrainWithStringKey : IGrain;
