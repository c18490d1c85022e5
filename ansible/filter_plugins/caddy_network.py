"""Address filters of caddy-backend's playbooks, with the standard library only (no netaddr)."""
import ipaddress


def caddy_address_in_networks(address, networks):
    """True when ADDRESS (an IPv4/IPv6 address, possibly IPv4-mapped) lies in one of NETWORKS (CIDR list)."""
    ip = ipaddress.ip_address(str(address).strip())
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for network in networks or []:
        net = ipaddress.ip_network(str(network).strip(), strict=False)
        if ip.version == net.version and ip in net:
            return True
    return False


class FilterModule:
    def filters(self):
        return {"caddy_address_in_networks": caddy_address_in_networks}
