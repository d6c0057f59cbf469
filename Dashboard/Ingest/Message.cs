namespace Coverage.Dashboard.Ingest;

/// <summary>What an error says, in the API's English and in the Chinese of the pages its users read; the request picks one.</summary>
public sealed record Message(string En, string Zh)
{
    public string In(Language language) => language == Language.Chinese ? Zh : En;
}
