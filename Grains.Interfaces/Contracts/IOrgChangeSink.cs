namespace Coverage.Contracts;

/// <summary>Told of every change to an org's summary. Called inside the grain's turn, so it must only hand the value off.</summary>
public interface IOrgChangeSink
{
    void OrgChanged(OrgSummary summary);

    /// <summary>Whether someone watches this org live: the roll-up then publishes changes below it promptly.</summary>
    bool Watches(string code) => false;
}
