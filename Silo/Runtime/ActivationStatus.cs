namespace Coverage.Silo.Runtime;

internal enum ActivationStatus
{
    Pending,
    Active,
    Retired,
}
