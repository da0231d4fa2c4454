"""Pages of the API's lists, bounded as the search API's: ``page`` from 1, ``page_size`` 1–100 (default
20). A malformed or out-of-bounds value is a 400, a page past the last a 404, both in Persian."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from persian import params
from persian.text import format_number

MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    page_size = 20
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_query_description = "شمارهٔ صفحه، از ۱"
    page_size_query_description = "شمار سندها در هر صفحه، ۱ تا ۱۰۰ (پیش‌فرض ۲۰)"

    def get_page_size(self, request):
        query = request.query_params
        if self.page_size_query_param not in query:
            return self.page_size
        return params.integer(query[self.page_size_query_param], self.page_size_query_param, 1, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        number = params.page(request.query_params, self.page_query_param)
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        if number > paginator.num_pages:
            raise NotFound(
                f"صفحهٔ {format_number(number)} نیست؛ این فهرست {format_number(paginator.num_pages)} صفحه دارد."
            )
        self.request = request
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["page"] = {"type": "integer", "example": 1}
        described["properties"]["pages"] = {"type": "integer", "example": 7}
        described["required"] = ["count", "page", "pages", "results"]
        return described
