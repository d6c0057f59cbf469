namespace Coverage.Contracts;

public sealed class StationNotRegisteredException(string stationId)
    : Exception($"Station '{stationId}' is not registered; register it with PUT /api/v1/stations/{stationId} first.");
