using System.Data.Common;

namespace Coverage.Silo.Storage;

public static class DbCommandParameters
{
    /// <summary>Adds a parameter by name, with its value when given (a prepared command's values are set per run).</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (value is not null)
            parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
