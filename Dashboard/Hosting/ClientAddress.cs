using System.Net;
using System.Net.Sockets;

namespace Coverage.Dashboard.Hosting;

public static class ClientAddress
{
    /// <summary>An IPv6 client is its /64, which one household or host is given whole, so rotating addresses in it gains nothing.</summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
            return "";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPAddress([.. address.GetAddressBytes()[..8], 0, 0, 0, 0, 0, 0, 0, 0]) + "/64"
            : address.ToString();
    }
}
